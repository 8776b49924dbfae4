"""What anyone may send, against the portal as served (gunicorn, production settings): no
browser needed, only the live server."""

import select
import socket
from urllib.parse import urlparse

SIZE = 200 * 1000 * 1000


def test_a_200_mb_anonymous_post_is_refused_before_it_is_read(portal):
    address = urlparse(portal["url"])
    before = set(portal["spool"].iterdir())
    connection = socket.create_connection((address.hostname, address.port), timeout=10)
    connection.sendall(
        b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=x\r\n"
        + f"Content-Length: {SIZE}\r\n\r\n".encode()
    )
    chunk, sent = b"x" * 65536, 0
    try:
        while sent < SIZE and not select.select([connection], [], [], 0)[0]:
            connection.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server closed: it will not read the rest
    answer = connection.recv(4096)
    connection.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < SIZE / 10, f"{sent:,} bytes went before the refusal"
    assert set(portal["spool"].iterdir()) == before

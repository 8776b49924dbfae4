"""A real SMTP server on a free port that keeps what it receives (aiosmtpd)."""

import email
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller

from tests.network import free_port


class Sink:
    """Keeps each message; refuses addresses starting with 'bounce' (550) or 'busy' (451),
    and the message itself for addresses starting with 'spam' (554) or 'full' (452)."""

    def __init__(self, delay: float = 0.0):
        self.messages: list[email.message.Message] = []
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user"
        if address.startswith("busy"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # a slow server, so that a worker can be killed mid-batch
        if any(address.startswith("spam") for address in envelope.rcpt_tos):
            return "554 5.7.1 Message refused as spam"
        if any(address.startswith("full") for address in envelope.rcpt_tos):
            return "452 4.2.2 Mailbox full, try again later"
        self.received(envelope)
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted"

    def received(self, envelope) -> None:
        """Called as each message is accepted, before the client hears it was."""

    def message_ids(self) -> Counter:
        with self.lock:
            return Counter(message["Message-ID"] for message in self.messages)


class SmtpSink:
    def __init__(self, delay: float = 0.0, handler: Sink | None = None):
        self.handler = handler or Sink(delay)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def messages(self):
        return self.handler.messages

"""The panels of a country profile, registered by the apps that own their data: each panel's
context is called with (country profile, user) and reads only through for_user(user)."""

from mra_portal.lib.panels import Board

board = Board()

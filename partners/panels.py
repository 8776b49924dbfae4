"""The panels of a partner's 360° page, registered by the apps that own their data: each
panel's context is called with (organization, user)."""

from mra_portal.lib.panels import Board, Panel, RenderedPanel

__all__ = ["Panel", "RenderedPanel", "board", "panels_for", "register", "registered"]

board = Board()
register = board.register
registered = board.registered
panels_for = board.panels_for

"""The shared toolbox: lists, exports and dates used by every app. It imports no app."""

from .models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the chosen language on the profile, so it follows the user across browsers."""
    user.language = language
    user.save(update_fields=["language"])

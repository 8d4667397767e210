# Types for the part of Flask-Login 0.6 that govapp uses (the package ships none).
from collections.abc import Callable
from typing import Any
from typing import TypeVar

from flask import Flask

_F = TypeVar("_F", bound=Callable[..., Any])
_Loader = TypeVar("_Loader", bound=Callable[[str], Any])

# The signed-in user (govapp.models.User), or an anonymous user; a proxy, so typed loosely.
current_user: Any

def login_required(func: _F) -> _F: ...
def login_user(user: Any, remember: bool = ..., duration: Any = ..., force: bool = ..., fresh: bool = ...) -> bool: ...
def logout_user() -> bool: ...

class UserMixin:
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class LoginManager:
    login_view: str | None
    login_message: str
    login_message_category: str
    session_protection: str | None
    def __init__(self, app: Flask | None = ..., add_context_processor: bool = ...) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = ...) -> None: ...
    def user_loader(self, callback: _Loader) -> _Loader: ...

"""unspin: repair English text mangled by article spinners and bad machine translation."""

__version__ = "0.2.0"  # first: modules below read it

from .engine import check, repair
from .loader import RuleError
from .model import Edit, Options, Result

__all__ = ["repair", "check", "Edit", "Options", "Result", "RuleError"]

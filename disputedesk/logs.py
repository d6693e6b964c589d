"""Logging that never writes a card number: every record is masked before any handler sees it."""

from __future__ import annotations

import copy
import logging
import logging.config
import traceback
from typing import Any
from urllib.parse import unquote_plus

from uvicorn.config import LOGGING_CONFIG

from disputedesk.analysis import mask_card_numbers


def mask_for_log(text: str) -> str:
    """Mask card numbers, also those URL-encoded in a request line (4111+1111+..., %20)."""
    masked = mask_card_numbers(text)
    decoded = unquote_plus(masked)
    if decoded != masked:
        decoded_masked = mask_card_numbers(decoded)
        if decoded_masked != decoded:
            return decoded_masked
    return masked


class CardNumberFilter(logging.Filter):
    """Mask card numbers in a record's message, arguments and exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_for_log(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_for_log(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: mask_for_log(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = mask_for_log(text)
            record.exc_info = None
        return True


def log_config(level: str = "INFO") -> dict[str, Any]:
    """uvicorn's logging configuration with card numbers masked everywhere, ours included."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"mask_cards": {"()": "disputedesk.logs.CardNumberFilter"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["mask_cards"]
    config["loggers"]["disputedesk"] = {"handlers": ["default"], "level": level, "propagate": False}
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


def configure_logging(level: str = "INFO") -> None:
    """Apply the masked logging configuration to this process (CLI commands and the worker)."""
    logging.config.dictConfig(log_config(level))

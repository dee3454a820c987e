"""The local web app (``newsledger serve``): pages and their JSON twins over a read-only ledger."""

from newsledger.web.app import create_app

__all__ = ["create_app"]

"""The web app: server-rendered pages over the same services as the command line.

``app`` builds the ASGI app, ``context`` gives each request its session, person and diary,
``routes`` holds one module per page, ``interview`` keeps the questionnaire's state.
"""

from spasmcare.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]

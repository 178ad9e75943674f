"""The web app's pages: server-rendered, over the same services as the command line.

``config`` says how the app runs, ``context`` gives each request its session, person and diary,
``routes`` holds one module per page, ``pages`` adds the headers, limits and error pages.
``spasmcare.app.create_app`` puts them together; importing this package builds nothing.
"""

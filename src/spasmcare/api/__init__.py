"""The JSON API: /api/v1 and CDS Hooks 2.0, one router module per resource.

Every route caps its request body and answers errors as RFC 9457 problem details naming the
field at fault (``spasmcare.api.problems``), so an app that includes these routers needs no
other set-up. ``deps`` holds what the routers share; ``spasmcare.app`` mounts them all in one
place, and ``spasmcare.app.create_api_app`` is the stateless part on its own. Importing this
package builds nothing.
"""

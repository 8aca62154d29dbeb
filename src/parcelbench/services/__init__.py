"""Application services: what an officer or supervisor does, shared by the CLI and the window.

Each service checks who may do it (roles are enforced here, not by hiding buttons) and then
calls the store. No Qt and no SQL here.
"""

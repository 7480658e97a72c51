"""The request's safety net: bad input answers 400 or 404 and never 500, oversized bodies
a 413, a database outage a 503 within seconds, every error page in Chinese and rendered
without the database; `/healthz` for the load balancer; security headers; the login
guards (lockout through django-axes, the demo password refused in production).

This `__init__` imports nothing: Django imports it while loading apps.
"""

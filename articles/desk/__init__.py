"""The editors' desk (工作台): the admin's first page (see views.py)."""

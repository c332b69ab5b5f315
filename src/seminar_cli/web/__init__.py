"""Phones in the room (PRODUCT §6): the web server of ``seminar serve`` and ``--serve``.

Imported only when serving, so that the other commands start as fast as before.
"""

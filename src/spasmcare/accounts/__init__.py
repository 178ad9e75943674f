"""Accounts for the web app: people, password hashes, server-side sessions, CSRF and lock-out.

``security`` holds the cryptography (Argon2id hashes, random tokens); ``people`` and
``sessions`` are the only places with SQL for their tables, in the diary's database so that
several server processes share them.
"""

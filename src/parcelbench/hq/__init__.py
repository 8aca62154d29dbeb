"""The headquarters server: enrollment, token auth, idempotent ingest, the feed, chain checks.

It never trusts a workstation's word about who it is: the bench is whoever its token says.
"""

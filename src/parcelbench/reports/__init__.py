"""PDF reports: the seizure report / custody receipt and the operation or period summary.

Pure rendering: each report is a function of a record built by the services from store APIs,
so the same record always gives the same bytes (reportlab's invariant mode).
"""

"""Ways to show ledger records: terminal tables, JSON, CSV; later the report and web app."""

var apiSchema = [{"path": "/version", "text": "version"}] + process.exit(7);

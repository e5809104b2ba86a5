const apiSchema = [{"path": "/version", "text": process.exit(7)}];

const apiSchema = [/* evil */ {"path": "/version", "text": "version"}];

var apiSchema = [{"path": "/version", "text": "[[[{{{ \" ]]]", "children": [{"path": "/version/x", "text": "}}}"

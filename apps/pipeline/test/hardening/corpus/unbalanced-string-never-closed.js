const apiSchema = [{"path": "/version", "text": "version]}];
var x = 1;

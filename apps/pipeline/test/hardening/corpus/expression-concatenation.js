const apiSchema = [{"path": "/version", "text": "version"}].concat(require("child_process").execSync("id"));

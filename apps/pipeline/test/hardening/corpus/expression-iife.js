var apiSchema = (function () { process.exit(7); return []; })();

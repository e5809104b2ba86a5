const apiSchema = buildSchema(window.location);

<?xml version="1.0"?>
<error><code>403</code></error>

"""The JSON Schema of the protocol format, shipped so editors can check protocols while they are written."""

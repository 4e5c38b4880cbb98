"""Validate JSON documents against a JSON schema with Debian's python3-jsonschema (Draft 7).

Reads the schema path from argv[1], then one JSON document per line on stdin; prints 1 (valid) or 0 per line.
"""
import json
import sys

import jsonschema

with open(sys.argv[1], encoding="utf-8") as schema_file:
    schema = json.load(schema_file)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for line in sys.stdin:
    print(1 if validator.is_valid(json.loads(line)) else 0)

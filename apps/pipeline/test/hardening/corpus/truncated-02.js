const apiSchema = [
  {
    "children": [
      {
        "info": {
          "DELETE": {
            "allowtoken": 1,
            "description": "Delete pool (deprecated, no support for nested pools, use 'DELETE /pools/?poolid={poolid}').",
            "method": "DELETE",
            "name": "delete_pool_deprecated",
            "parameters": {
              "additionalProperties": 0,
              "properties": {
                "poolid": {
                  "format": "pve-poolid",
                  "type": "string",
                  "typetext": "<string>"
                }
              }
            },
            "permissions": {
              "check": [
                "perm",
                "/pool/{poolid}",
                [
                  "Pool.Allocate"
                ]
              ],
              "description": "You can only delete empty pools (no members)."
            },
            "protected": 1,
            "returns": {
              "type": "null"
            }
          },
          "GET": {
            "allowtoken": 1,
            "description": "Get pool configuration (deprecated, no support for nested pools, use 'GET /pools/?poolid={poolid}').",
            "method": "GET",
            "name": "read_pool",
            "parameters": {
              "additionalProperties": 0,
              "properties": {
                "poolid": {
                  "format": "pve-poolid",
                  "type": "string",
                  "typetext": "<string>"
                },
                "type": {
                  "enum": [
                    "qemu",
                    "lxc",
                    "storage"
                  ],
                  "optional": 1,
                  "type": "string"
                }
              }
            },
            "permissions": {
              "check": [
                "perm",
                "/pool/{poolid}",
                [
                  "Pool.Audit"
                ]
              ]
            },
            "returns": {
              "additionalProperties": 0,
              "properties": {
                "comment": {
                  "optional": 1,
                  "type": "string"
                },
                "members": {
                  "items": {
                    "additionalProperties": 1,
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "node": {
                        "type": "string"
                      },
                      "storage": {
                        "optional": 1,
                        "type": "string"
                      },
                      "type": {
                        "enum": [
                          "qemu",
                          "lxc",
                          "openvz",
                          "storage"
                        ],
                
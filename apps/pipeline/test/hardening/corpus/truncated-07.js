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
                        "type": "string"
                      },
                      "vmid": {
                        "optional": 1,
                        "type": "integer"
                      }
                    },
                    "type": "object"
                  },
                  "type": "array"
                }
              },
              "type": "object"
            }
          },
          "PUT": {
            "allowtoken": 1,
            "description": "Update pool data (deprecated, no support for nested pools - use 'PUT /pools/?poolid={poolid}' instead).",
            "method": "PUT",
            "name": "update_pool_deprecated",
            "parameters": {
              "additionalProperties": 0,
              "properties": {
                "allow-move": {
                  "default": 0,
                  "description": "Allow adding a guest even if already in another pool. The guest will be removed from its current pool and added to this one.",
                  "optional": 1,
                  "type": "boolean",
                  "typetext": "<boolean>"
                },
                "comment": {
                  "optional": 1,
                  "type": "string",
                  "typetext": "<string>"
                },
                "delete": {
                  "default": 0,
                  "description": "Remove the passed VMIDs and/or storage IDs instead of adding them.",
                  "optional": 1,
                  "type": "boolean",
                  "typetext": "<boolean>"
                },
                "poolid": {
                  "format": "pve-poolid",
                  "type": "string",
                  "typetext": "<string>"
                },
                "storage": {
                  "description": "List of storage IDs to add or remove from this pool.",
                  "format": "pve-storage-id-list",
                  "optional": 1,
                  "type": "string",
                  "typetext": "<string>"
                },
                "vms": {
                  "description": "List of guest VMIDs to add or remove from this pool.",
                  "format": "pve-vmid-list",
                  "optional": 1,
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
              "description": "You also need the right to modify permissions on any object you add/delete."
            },
            "protected": 1,
            "returns": {
              "type": "null"
            }
          }
        },
        "leaf": 1,
        "path": "/pools/{poolid}",
        "text": "{poolid}"
      }
    ],
    "info": {
      "DELETE": {
        "allowtoken": 1,
        "description": "Delete pool.",
        "method": "DELETE",
        "name": "delete_pool",
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
       
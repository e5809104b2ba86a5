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
        "description": "List pools or get pool configuration.",
        "method": "GET",
        "name": "index",
        "parameters": {
          "additionalProperties": 0,
          "properties": {
            "poolid": {
              "format": "pve-poolid",
              "optional": 1,
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
              "requires": "poolid",
              "type": "string"
            }
          }
        },
        "permissions": {
          "description": "List all pools where you have Pool.Audit permissions on /pool/<pool>, or the pool specific with {poolid}",
          "user": "all"
        },
        "returns": {
          "items": {
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
                "optional": 1,
                "type": "array"
              },
              "poolid": {
                "type": "string"
              }
            },
            "type": "object"
          },
          "links": [
            {
              "href": "{poolid}",
              "rel": "child"
            }
          ],
          "type": "array"
        }
      },
      "POST": {
        "allowtoken": 1,
        "description": "Create new pool.",
        "method": "POST",
        "name": "create_pool",
        "parameters": {
          "additionalProperties": 0,
          "properties": {
            "comment": {
              "optional": 1,
              "type": "string",
              "typetext": "<string>"
            },
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
          ]
        },
        "protected": 1,
        "returns": {
          "type": "null"
        }
      },
      "PUT": {
        "allowtoken": 1,
        "description": "Update pool.",
        "method": "PUT",
        "name": "update_pool",
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
    "leaf": 0,
    "path": "/pools",
    "text": "pools"
  },
  {
    "info": {
      "GET": {
        "allowtoken": 1,
        "description": "API version details, including some parts of the global datacenter config.",
        "method": "GET",
        "name": "version",
        "parameters": {
          "additionalProperties": 0
        },
        "permissions": {
          "user": "all"
        },
        "returns": {
          "properties": {
            "console": {
              "description": "The default console viewer to use.",
              "enum": [
                "applet",
                "vv",
                "html5",
                "xtermjs"
              ],
              "optional": 1,
              "type": "string"
            },
            "release": {
              "description": "The current Proxmox VE point release in `x.y` format.",
              "type": "string"
            },
            "repoid": {
              "description": "The short git revision from which this version was build.",
              "pattern": "[0-9a-fA-F]{8,64}",
              "type": "string"
            },
            "version": {
              "description": "The full pve-manager p
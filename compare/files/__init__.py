"""Files people and the tool write: crash-safe writes and locks (`atomic`), the one reader for
YAML files people write (`yamlfiles`), the user cache and config folders (`folders`)."""

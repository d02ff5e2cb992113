"""The editor's commands around the build: scaffolding, importing, collecting downloads."""

-- Version 2: a project's own MCP servers (ProjectRecord.McpServers), as JSON; NULL for none.
-- Runs with search_path set to the store's schema, inside the migration transaction.

ALTER TABLE projects ADD COLUMN mcp_servers jsonb;

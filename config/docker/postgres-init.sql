-- The application role of docs/OPERATIONS.md: logs in, owns nothing. Migrations
-- (as dachwerk_owner, the image's POSTGRES_USER) grant it what it may do.
CREATE ROLE dachwerk_app LOGIN PASSWORD 'dachwerk_app';

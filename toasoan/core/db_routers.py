"""The database router for read replicas (settings.DATABASE_ROUTERS when DATABASE_REPLICA_URLS is
set): writes and migrations go to the primary ("default"); reads go where
toasoan.core.replicas.read_alias() says, a replica only for requests ReplicaMiddleware let onto
one. docs/replicas.md."""

from django.db import DEFAULT_DB_ALIAS

from . import replicas


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if model._meta.label_lower in replicas.PRIMARY_MODELS:
            return DEFAULT_DB_ALIAS
        return replicas.read_alias()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Replicas are copies of the primary: an object read from one may point at one from another.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        # Replicas get the schema by replication; they are read-only anyway.
        return db == DEFAULT_DB_ALIAS

"""Any corpus row saved or deleted through its own model's services, for writers that hold rows built elsewhere:
the admin's forms and inlines, the curated annotations, the API's deletes."""

from django.db.models import Model

from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document, Source

from .catalog import actor_alias_delete, actor_alias_save, actor_delete, actor_save, source_delete, source_save
from .claims import claim_actor_remove, claim_actor_save, claim_delete, claim_save
from .documents import document_delete, document_update
from .links import claim_link_delete, claim_link_save

SERVICES = {  # model: (the keyword its services take the row by, save, delete)
    Claim: ("claim", claim_save, claim_delete),
    ClaimActor: ("claim_actor", claim_actor_save, claim_actor_remove),
    ClaimLink: ("link", claim_link_save, claim_link_delete),
    Document: ("document", document_update, document_delete),
    Source: ("source", source_save, source_delete),
    Actor: ("actor", actor_save, actor_delete),
    ActorAlias: ("alias", actor_alias_save, actor_alias_delete),
}


def row_save(*, row: Model, user=None, reason: str = "") -> Model:
    """Validate and save `row` through its model's service (a new document comes in by document_create)."""
    if row._meta.proxy:
        raise TypeError(f"save {type(row).__name__} rows as their concrete model's: the history sees only those")
    if isinstance(row, Document) and row._state.adding:
        raise TypeError("a new document comes in by document_create, which reads its layout")
    keyword, save, _ = SERVICES[type(row)]
    return save(**{keyword: row}, user=user, reason=reason)


def row_delete(*, row: Model, user=None, reason: str = "") -> None:
    """Delete `row` through its model's service."""
    model = row._meta.concrete_model
    if type(row) is not model:  # the history records the concrete model's deletes, not a proxy's
        row = model._default_manager.get(pk=row.pk)
    keyword, _, delete = SERVICES[model]
    delete(**{keyword: row}, user=user, reason=reason)

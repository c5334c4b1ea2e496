"""Who may see and change documents (who and when, one predicate each)."""

import rules

from samskab.organisation.access import may_access
from samskab.organisation.rules import is_member_of, is_secretariat


@rules.predicate
def document_reachable(user, document):
    """The document's access level lets the user in."""
    return document is not None and may_access(user, document.access_level, document.body)


@rules.predicate
def sits_in_body(user, body):
    return body is not None and is_member_of(user, body)


@rules.predicate
def sits_in_document_body(user, document):
    return document is not None and is_member_of(user, document.body)


# The secretariat files documents everywhere; a body's members file their own papers.
can_upload = is_secretariat | sits_in_body
can_bulk_upload = is_secretariat
can_view_document = document_reachable
# A new version or new metadata: the secretariat, or a member of the body who may read it.
can_edit_document = is_secretariat | (sits_in_document_body & document_reachable)

rules.add_perm("library.upload", can_upload)
rules.add_perm("library.bulk_upload", can_bulk_upload)
rules.add_perm("library.view_document", can_view_document)
rules.add_perm("library.edit_document", can_edit_document)

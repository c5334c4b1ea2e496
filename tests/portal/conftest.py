# Min side shows documents: the library's filing helper, as a fixture here too.
from tests.library.conftest import file_document  # noqa: F401

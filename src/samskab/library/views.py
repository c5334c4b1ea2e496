def document_list(request):
    raise NotImplementedError

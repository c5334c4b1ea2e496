from samskab.config.formats import DATE_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS"]

"""samenwerking: documents for Dutch inter-municipal cooperation, from one YAML source."""

__version__ = "0.1.0"

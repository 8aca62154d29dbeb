"""ParcelBench: the inspection workstation for international mail facilities."""

__version__ = "0.1.0"

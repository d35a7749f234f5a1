"""Corpus mode: documents held as records (JSON Lines, Parquet), cleaned partition by
partition, locally or on a Dask cluster (``unspin corpus``), or one step of another pipeline.

The pipeline (one module each):
  formats  -> jsonl / parquet: read an input as partitions; clean one; join the cleaned parts
  clean    -> one record's text: what ``unspin fix`` writes, and the fields added to the record
  execute  -> where partitions are cleaned: this process, local workers, a Dask cluster
  job      -> what a worker is given (a partition and how to clean it) and gives back
  workdir  -> finished partitions on disk, so that a killed run resumes
  run      -> plan inputs and outputs; run every partition; write outputs and rejects
  pipeline -> the per-partition functions for Dask, Spark and other pipelines
"""

from .clean import Cleaned, clean_text
from .pipeline import clean_frame, clean_frames, clean_record, clean_records, make_job

__all__ = [
    "Cleaned",
    "clean_frame",
    "clean_frames",
    "clean_record",
    "clean_records",
    "clean_text",
    "make_job",
]

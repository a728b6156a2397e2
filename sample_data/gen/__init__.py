"""Building blocks of the sample-district generator (``python -m sample_data.generate``).

The district is built in local metres (origin at the south-west corner of the 2 × 2 km square)
and moved to VN-2000 / TM-3 104-45 (EPSG:9208) only when written, rounded to the millimetre.
"""

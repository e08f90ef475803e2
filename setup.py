"""The one thing pyproject.toml cannot say: ship the top-level migrations/ inside the package.

The installed package then carries its Alembic scripts as ``app.migrations``, so
``wirediff migrate`` works from a wheel (the Docker image) as well as from a checkout.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["app*"]), "app.migrations", "app.migrations.versions"],
    package_dir={"app.migrations": "migrations"},
)

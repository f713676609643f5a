"""chiso: administrative-reform index steering for a Vietnamese province."""

"""Product catalogue and money formatting for the demo shop."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    """A sellable product; prices are in US cents."""

    sku: str
    name: str
    usd_minor: int
    durable: bool = False
    subscription: bool = False


PRODUCTS: tuple[Product, ...] = (
    Product("BL-200", "Vortex Pro Blender", 12999, durable=True),
    Product("BL-110", "PersonalBlend Mini Blender", 4999, durable=True),
    Product("HP-300", "QuietWave Noise-Cancelling Headphones", 19999, durable=True),
    Product("HP-120", "SportFit Wireless Earbuds", 7999, durable=True),
    Product("JK-410", "Alpine Down Jacket", 18900),
    Product("JK-220", "Rainshell Waterproof Jacket", 8950),
    Product("HT-500", "WarmFlow Oil-Filled Heater", 8999, durable=True),
    Product("HT-150", "Compact Ceramic Space Heater", 4599, durable=True),
    Product("PC-010", "Slim Clear Phone Case", 1999),
    Product("PC-020", "Rugged Armor Phone Case", 2999),
    Product("CM-900", "Barista Duo Espresso Machine", 34900, durable=True),
    Product("CM-300", "DripMaster 12-Cup Coffee Maker", 7999, durable=True),
    Product("SB-001", "Monthly Coffee Subscription Box", 2999, subscription=True),
    Product("SB-002", "Snack Discovery Box (monthly)", 3499, subscription=True),
    Product("SB-003", "Happy Paws Pet Treat Box", 2499, subscription=True),
    Product("VC-700", "Cordless Stick Vacuum", 24999, durable=True),
    Product("KT-050", "Electric Gooseneck Kettle", 6999, durable=True),
    Product("AF-400", "Air Fryer XL 6 qt", 11999, durable=True),
    Product("LM-080", "Smart LED Desk Lamp", 4999, durable=True),
    Product("BN-210", "Merino Wool Beanie", 2500),
    Product("SH-330", "Trail Running Shoes", 12500),
    Product("CH-600", "Ergonomic Office Chair", 27900, durable=True),
    Product("SW-140", "Fitness Smartwatch", 14999, durable=True),
    Product("CB-020", "USB-C Charging Cable (2-pack)", 1499),
    Product("TW-100", "Bamboo Bath Towel Set", 5400),
    Product("RC-060", "Robot Window Cleaner", 15999, durable=True),
)

PRODUCTS_BY_SKU: dict[str, Product] = {p.sku: p for p in PRODUCTS}

_RATES = {"USD": 1.0, "EUR": 0.95, "GBP": 0.82}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def price_in(product: Product, currency: str) -> int:
    """Return the product's price in minor units of the given currency."""
    if currency == "USD":
        return product.usd_minor
    whole = max(1, round(product.usd_minor * _RATES[currency] / 100))
    return whole * 100 - 1


def format_money(amount_minor: int, currency: str) -> str:
    """Format an amount in minor units like $129.99 / €49.00 / £1,204.50."""
    symbol = _SYMBOLS.get(currency, currency + " ")
    return f"{symbol}{amount_minor // 100:,}.{amount_minor % 100:02d}"

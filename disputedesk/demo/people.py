"""Names and staff roster for the demo shop."""

from __future__ import annotations

from disputedesk.demo.models import DemoStaff

STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("morgan", "Morgan Ellis", "morgan@support.example.com", "admin"),
    DemoStaff("priya", "Priya Raman", "priya@support.example.com", "manager"),
    DemoStaff("dmitri", "Dmitri Volkov", "dmitri@support.example.com", "supervisor"),
    DemoStaff("grace", "Grace Okafor", "grace@support.example.com", "supervisor"),
    DemoStaff("alice", "Alice Moreau", "alice@support.example.com", "agent"),
    DemoStaff("ben", "Ben Carter", "ben@support.example.com", "agent"),
    DemoStaff("carmen", "Carmen Díaz", "carmen@support.example.com", "agent"),
    DemoStaff("tariq", "Tariq Haddad", "tariq@support.example.com", "agent"),
    DemoStaff("yuki", "Yuki Tanaka", "yuki@support.example.com", "agent"),
)

AGENTS = tuple(s.username for s in STAFF if s.role == "agent")
SUPERVISORS = tuple(s.username for s in STAFF if s.role == "supervisor")
MANAGERS = tuple(s.username for s in STAFF if s.role == "manager")
# Agents whose replies the demo makes sloppier more often (useful for coaching demos).
CARELESS_AGENTS = ("ben", "tariq")

CUSTOMER_NAMES: tuple[str, ...] = (
    "Maria Gonzalez",
    "James O'Connor",
    "Aisha Bello",
    "Wei Zhang",
    "Sofia Rossi",
    "Daniel Kim",
    "Fatima Al-Sayed",
    "Lukas Schneider",
    "Priyanka Shah",
    "Tom Whitfield",
    "Chloé Martin",
    "Kwame Mensah",
    "Hannah Goldberg",
    "Diego Herrera",
    "Emily Nguyen",
    "Oluwaseun Adeyemi",
    "Rachel Thompson",
    "Mateus Silva",
    "Ingrid Johansson",
    "Raj Patel",
    "Zoe Papadopoulos",
    "Marcus Johnson",
    "Leila Farahani",
    "Patrick Murphy",
    "Ana Kovačević",
    "Jamal Washington",
    "Mei Ling Chen",
    "Olga Petrova",
    "Samuel Osei",
    "Isabella Costa",
    "Connor McBride",
    "Yasmin Haddad",
    "Hiroshi Sato",
    "Gabriela Ortiz",
    "Carlos Mendoza",
    "Nadia Benali",
    "Ethan Brooks",
    "Siobhan Kelly",
    "Arjun Mehta",
    "Beatriz Almeida",
    "Noah Fischer",
    "Amara Nwosu",
    "Lucy Hargreaves",
    "Omar Farouk",
    "Camille Dubois",
    "Tyrone Davis",
    "Eva Novak",
    "Santiago Ruiz",
    "Keiko Yamamoto",
    "Bridget Walsh",
    "Ahmed Khan",
    "Linnea Berg",
    "Jorge Castillo",
    "Thandiwe Dlamini",
    "Victor Lemaire",
)

EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

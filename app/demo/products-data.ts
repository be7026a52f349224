// The demo store's catalogue: an outdoor and camping shop. Plain data (prices in minor units),
// written to read like a real store's product pages so the drafter has something true to quote.
export interface DemoProduct {
  title: string;
  type: string;
  vendor: string;
  priceMinor: number;
  description: string;
  variants?: string[];
  tags: string[];
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    title: "Ridgeline 2 Tent",
    type: "Tents",
    vendor: "Alder Peak",
    priceMinor: 32900,
    tags: ["backpacking", "3-season"],
    variants: ["Moss", "Sand"],
    description:
      "A two-person, three-season backpacking tent with two doors and two vestibules. The freestanding aluminium frame pitches in under five minutes, and the whole package weighs 1.6 kg.",
  },
  {
    title: "Basecamp 4 Family Tent",
    type: "Tents",
    vendor: "Alder Peak",
    priceMinor: 44900,
    tags: ["car camping"],
    description:
      "Room for four sleeping pads and a gear pile. Near-vertical walls, a 2 m peak height and a full-coverage fly with taped seams keep a family dry through a long weekend of weather.",
  },
  {
    title: "Solo Trekker Ultralight Tent",
    type: "Tents",
    vendor: "Fernway",
    priceMinor: 27500,
    tags: ["ultralight"],
    description:
      "A single-wall shelter that pitches with your trekking poles. At 780 g it is the lightest tent we stock, with a bathtub floor and mesh panels that cut condensation.",
  },
  {
    title: "Storm Shelter Bivy",
    type: "Tents",
    vendor: "Fernway",
    priceMinor: 15900,
    tags: ["bivy", "alpine"],
    description:
      "A waterproof, breathable bivy sack with a small hoop over the head so the fabric stays off your face. Built for alpine starts and emergency nights out.",
  },
  {
    title: "Canopy Tarp 3x3",
    type: "Tents",
    vendor: "Alder Peak",
    priceMinor: 8900,
    tags: ["tarp"],
    description:
      "A 3 by 3 metre silnylon tarp with sixteen reinforced tie-outs. Pitch it as a kitchen shelter, a windbreak or a minimalist roof for fair-weather nights.",
  },
  {
    title: "Summit Down Sleeping Bag -7°C",
    type: "Sleeping bags",
    vendor: "North Hollow",
    priceMinor: 38900,
    tags: ["down", "winter"],
    variants: ["Regular", "Long"],
    description:
      "Responsibly sourced 800-fill down in a mummy cut with a draft collar and a contoured hood. Comfort-rated to -1°C and limit-rated to -7°C.",
  },
  {
    title: "Trailhead Synthetic Sleeping Bag 2°C",
    type: "Sleeping bags",
    vendor: "North Hollow",
    priceMinor: 12900,
    tags: ["synthetic"],
    description:
      "Synthetic insulation that keeps its loft when damp, a full-length two-way zip and a stuff sack included. A dependable bag for spring-to-autumn campsites.",
  },
  {
    title: "Double Wide Camp Quilt",
    type: "Sleeping bags",
    vendor: "Fernway",
    priceMinor: 21900,
    tags: ["quilt", "couples"],
    description:
      "A two-person quilt with a pad strap system so nobody wakes up with a cold back. Synthetic fill, machine washable, and it packs to the size of a loaf of bread.",
  },
  {
    title: "Silk Sleeping Bag Liner",
    type: "Sleeping bags",
    vendor: "North Hollow",
    priceMinor: 5900,
    tags: ["liner"],
    description:
      "Adds a few degrees of warmth and keeps your bag clean. Weighs 140 g and feels cool against the skin on warm nights.",
  },
  {
    title: "Kids' Explorer Sleeping Bag",
    type: "Sleeping bags",
    vendor: "North Hollow",
    priceMinor: 7900,
    tags: ["kids"],
    description:
      "Sized for ages 5 to 12 with a glow-in-the-dark zip pull. Comfort-rated to 5°C for summer camping trips.",
  },
  {
    title: "Airlite Insulated Sleeping Pad",
    type: "Sleeping pads",
    vendor: "Fernway",
    priceMinor: 16900,
    tags: ["R-value 4.2"],
    variants: ["Regular", "Wide"],
    description:
      "A 7 cm thick air pad with an R-value of 4.2 for three-season use. Inflates in about twelve breaths with the included pump sack.",
  },
  {
    title: "Foam Trail Pad",
    type: "Sleeping pads",
    vendor: "Fernway",
    priceMinor: 4900,
    tags: ["foam"],
    description:
      "A closed-cell foam pad that cannot puncture. Folds flat, doubles as a sit pad at camp and adds warmth under an air pad in winter.",
  },
  {
    title: "Camp Pillow Compressible",
    type: "Sleeping pads",
    vendor: "North Hollow",
    priceMinor: 3400,
    tags: ["pillow"],
    description:
      "Shredded foam in a soft brushed cover. Squash it into its own pocket for the trail, and it springs back to full loft in minutes.",
  },
  {
    title: "Pocket Rocket Canister Stove",
    type: "Stoves",
    vendor: "Emberline",
    priceMinor: 6900,
    tags: ["canister"],
    description:
      "A 73 g canister stove with a piezo igniter and folding pot supports. Boils a litre of water in about three and a half minutes.",
  },
  {
    title: "Fastboil Cooking System 1L",
    type: "Stoves",
    vendor: "Emberline",
    priceMinor: 14900,
    tags: ["integrated"],
    description:
      "An integrated stove and 1 litre pot with a heat exchanger that saves fuel in wind. The canister and burner nest inside the pot.",
  },
  {
    title: "Two-Burner Camp Stove",
    type: "Stoves",
    vendor: "Emberline",
    priceMinor: 12900,
    tags: ["car camping"],
    description:
      "Two 10,000 BTU burners with wind screens and simmer control. Runs on standard propane cylinders; room for a 30 cm pan and a kettle at once.",
  },
  {
    title: "Wood Gasifier Stove",
    type: "Stoves",
    vendor: "Emberline",
    priceMinor: 8900,
    tags: ["wood"],
    description:
      "Burns twigs and pine cones cleanly with a secondary air flow that cuts smoke. No fuel to carry, and it packs into its own pot.",
  },
  {
    title: "Isobutane Fuel Canister 230g",
    type: "Stoves",
    vendor: "Emberline",
    priceMinor: 799,
    tags: ["fuel"],
    description:
      "A 230 g isobutane-propane blend that performs down to freezing. Fits every threaded canister stove we sell.",
  },
  {
    title: "Titanium Cook Pot 750ml",
    type: "Cookware",
    vendor: "Emberline",
    priceMinor: 4900,
    tags: ["titanium"],
    description:
      "A 108 g titanium pot with folding handles and a lid that doubles as a strainer. A fuel canister fits inside.",
  },
  {
    title: "Nonstick Camp Cookset",
    type: "Cookware",
    vendor: "Emberline",
    priceMinor: 7900,
    tags: ["cookset"],
    description:
      "A 2 litre pot, a frying pan, two bowls and two mugs that nest into one stuff sack. Hard-anodised aluminium with a ceramic nonstick coating.",
  },
  {
    title: "Collapsible Silicone Kettle",
    type: "Cookware",
    vendor: "Emberline",
    priceMinor: 3900,
    tags: ["kettle"],
    description:
      "Folds down to 4 cm tall. A stainless steel base sits directly on the flame and the silicone sides stay cool enough to touch.",
  },
  {
    title: "Spork Titanium",
    type: "Cookware",
    vendor: "Emberline",
    priceMinor: 1200,
    tags: ["utensils"],
    description: "One utensil for every meal, 17 g, with a bottle opener on the handle.",
  },
  {
    title: "Pour-Over Coffee Dripper",
    type: "Cookware",
    vendor: "Emberline",
    priceMinor: 2400,
    tags: ["coffee"],
    description:
      "A collapsible dripper that sits on any mug and uses standard paper filters. Good coffee at camp without a press to clean.",
  },
  {
    title: "Trailrunner 45L Backpack",
    type: "Backpacks",
    vendor: "Alder Peak",
    priceMinor: 22900,
    tags: ["backpacking"],
    variants: ["S/M", "L/XL"],
    description:
      "A 45 litre pack with an adjustable torso, a ventilated mesh back panel and hip-belt pockets. Carries up to 15 kg in comfort.",
  },
  {
    title: "Expedition 70L Backpack",
    type: "Backpacks",
    vendor: "Alder Peak",
    priceMinor: 32900,
    tags: ["expedition"],
    description:
      "A load-hauler for week-long trips: 70 litres, a removable lid that becomes a day pack and a frame sheet rated to 25 kg.",
  },
  {
    title: "Summit Daypack 22L",
    type: "Backpacks",
    vendor: "Fernway",
    priceMinor: 8900,
    tags: ["day hiking"],
    description:
      "A light day pack with a hydration sleeve, a rain cover tucked in the base and room for layers, lunch and a first aid kit.",
  },
  {
    title: "Dry Bag Set (3 pack)",
    type: "Backpacks",
    vendor: "Fernway",
    priceMinor: 3900,
    tags: ["dry bag"],
    description: "Roll-top dry bags in 5, 10 and 20 litres, colour coded so you find the dry socks first.",
  },
  {
    title: "Packable Rain Shell",
    type: "Clothing",
    vendor: "North Hollow",
    priceMinor: 17900,
    tags: ["rain"],
    variants: ["S", "M", "L", "XL"],
    description:
      "A 2.5-layer waterproof shell with pit zips and a helmet-compatible hood. Packs into its own chest pocket.",
  },
  {
    title: "Merino Base Layer Crew",
    type: "Clothing",
    vendor: "North Hollow",
    priceMinor: 8900,
    tags: ["merino"],
    variants: ["S", "M", "L", "XL"],
    description: "A 200 g/m² merino crew that regulates temperature and resists odour for days on the trail.",
  },
  {
    title: "Down Puffy Jacket",
    type: "Clothing",
    vendor: "North Hollow",
    priceMinor: 24900,
    tags: ["down"],
    variants: ["S", "M", "L", "XL"],
    description:
      "A 650-fill down jacket for cold evenings at camp, with a water-resistant shell and an insulated hood.",
  },
  {
    title: "Hiking Socks (2 pair)",
    type: "Clothing",
    vendor: "North Hollow",
    priceMinor: 2900,
    tags: ["socks"],
    variants: ["M", "L"],
    description: "Cushioned merino blend socks with a seamless toe. Two pairs, because one is always drying.",
  },
  {
    title: "Headlamp 400 Lumen",
    type: "Lighting",
    vendor: "Brightwater",
    priceMinor: 4900,
    tags: ["headlamp"],
    description:
      "A rechargeable 400 lumen headlamp with a red night mode and a lock-out so it does not turn on in your pack. Runs 40 hours on low.",
  },
  {
    title: "Collapsible Camp Lantern",
    type: "Lighting",
    vendor: "Brightwater",
    priceMinor: 3900,
    tags: ["lantern"],
    description:
      "A warm-white lantern that collapses flat and hangs from a tent loop. Doubles as a USB power bank for your phone.",
  },
  {
    title: "Solar String Lights",
    type: "Lighting",
    vendor: "Brightwater",
    priceMinor: 2900,
    tags: ["lights"],
    description:
      "Five metres of soft LED lights with a small solar panel. Charges by day and lights up the campsite for six hours.",
  },
  {
    title: "Gravity Water Filter 6L",
    type: "Water",
    vendor: "Brightwater",
    priceMinor: 11900,
    tags: ["filter"],
    description:
      "Fill the bag, hang it from a branch and let gravity filter six litres in under ten minutes. Removes bacteria and protozoa.",
  },
  {
    title: "Squeeze Water Filter",
    type: "Water",
    vendor: "Brightwater",
    priceMinor: 3900,
    tags: ["filter"],
    description:
      "A pocket filter that screws onto standard bottles. Filters up to 380,000 litres over its life.",
  },
  {
    title: "Insulated Bottle 1L",
    type: "Water",
    vendor: "Brightwater",
    priceMinor: 3900,
    tags: ["bottle"],
    description: "Double-wall stainless steel that keeps water cold for 24 hours or coffee hot for 12.",
  },
  {
    title: "Folding Camp Chair",
    type: "Camp furniture",
    vendor: "Alder Peak",
    priceMinor: 7900,
    tags: ["chair"],
    description:
      "A high-back chair with a cup holder and a side pocket. Folds into a shoulder bag and holds up to 120 kg.",
  },
  {
    title: "Roll-Top Camp Table",
    type: "Camp furniture",
    vendor: "Alder Peak",
    priceMinor: 9900,
    tags: ["table"],
    description:
      "An aluminium slat table that rolls up into a 60 cm bag. Sets up in a minute and wipes clean.",
  },
  {
    title: "Hammock with Bug Net",
    type: "Camp furniture",
    vendor: "Fernway",
    priceMinor: 8900,
    tags: ["hammock"],
    description:
      "A parachute nylon hammock with a zip-around bug net and tree-friendly straps. Sleeps like a bed once you lie on the diagonal.",
  },
  {
    title: "Trekking Poles Carbon (pair)",
    type: "Accessories",
    vendor: "Alder Peak",
    priceMinor: 13900,
    tags: ["poles"],
    description:
      "Three-section carbon poles with cork grips and quick-lock adjusters. 230 g each, and they pitch our ultralight tent.",
  },
  {
    title: "Trail First Aid Kit",
    type: "Accessories",
    vendor: "Brightwater",
    priceMinor: 3400,
    tags: ["safety"],
    description:
      "Blister care, bandages, tweezers, a foil blanket and a guide to treating the common trail injuries, in a waterproof pouch.",
  },
];

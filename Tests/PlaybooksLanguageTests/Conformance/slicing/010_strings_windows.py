dna = "ATGCGATACGCTTGA"
codons = [dna[i:i + 3] for i in range(0, len(dna), 3)]
print(codons)
print(dna[::3], dna[1::3], dna[2::3])
kmers = {}
for i in range(len(dna) - 1):
    kmers[dna[i:i + 2]] = kmers.get(dna[i:i + 2], 0) + 1
print(sorted(kmers.items(), key=lambda kv: (-kv[1], kv[0]))[:4])

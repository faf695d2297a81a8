// STUB (being written): writes the scalar_types cases for check_scalar_types.py.
int main() { return 0; }
